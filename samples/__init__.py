"""Synthetic home-loan document bundles with ground truth (generator and a tiny committed set)."""
