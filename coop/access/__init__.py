"""Who may act on a shared PostgreSQL database: one login per person, group roles, privileges."""
