"""Keys and signatures kept by the kernel."""
