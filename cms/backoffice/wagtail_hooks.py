"""Registers the Wagtail admin screens of ministry staff; each feature's viewsets live in their own module."""
