"""The audit log: who did or saw what, when; append-only and hash-chained."""
