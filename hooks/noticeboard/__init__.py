"""noticeboard: check and publish a township's public notices (党务公开) as a static site."""

__version__ = "0.1.0"
