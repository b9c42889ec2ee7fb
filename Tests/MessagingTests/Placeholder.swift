// Tests of the event bus contract.
