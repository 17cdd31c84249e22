"""The outbox through which every e-mail and SMS leaves, its channels, and the worker that delivers it."""
