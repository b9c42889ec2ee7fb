// The Services module.
