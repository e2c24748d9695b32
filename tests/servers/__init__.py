"""Real servers for the loading tests, started on loopback ports and stopped by fixtures."""
