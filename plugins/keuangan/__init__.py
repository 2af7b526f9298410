"""The village budget (APB Desa), its realisation and the public infographic (issue 22)."""
