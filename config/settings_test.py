"""Settings of the test suite: the production settings (DEBUG off) with a throwaway secret
key when the environment gives none (the production settings refuse to start without one)."""

import os
import secrets

os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(64))

from config.settings import *  # noqa: F403
