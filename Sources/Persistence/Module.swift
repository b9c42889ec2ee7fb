// The Persistence module.
