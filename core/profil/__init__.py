"""The nagari profile: identity, configurable terms, officials, data-protection officer."""
