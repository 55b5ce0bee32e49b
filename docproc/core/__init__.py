"""The core every other room builds on: models (SPEC names), errors, settings, policy, registry, clock.

Imports nothing else of docproc.
"""
