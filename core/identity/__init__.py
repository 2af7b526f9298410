"""Staff identity: users, roles and permissions, login throttling, two-factor login."""
