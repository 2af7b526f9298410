"""The built-in small preset `demo` (`balai demo`): its data files live in this folder beside preset.toml."""
