"""``python -m coop.cli`` runs the same CLI as the ``coop`` script."""

from coop.cli.main import run

run()
