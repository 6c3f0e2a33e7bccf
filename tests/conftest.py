"""Shared test settings."""

from hypothesis import HealthCheck, settings

# Derandomized so a CI run is reproducible; HYPOTHESIS_PROFILE=explore searches afresh.
settings.register_profile("ci", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "explore", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=3000
)
settings.load_profile(__import__("os").environ.get("HYPOTHESIS_PROFILE", "ci"))
