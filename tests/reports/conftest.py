"""The service tests' store and household builders serve the printed documents' tests too."""
from tests.services.conftest import hh, store  # noqa: F401
