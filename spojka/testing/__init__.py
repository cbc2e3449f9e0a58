"""Test support shared by every app's tests: URL × role matrix kinds and the Chromium + axe helper.

Only tests import this package; it is not part of the application's layers.
"""
