"""The returning officer's key: sealed secret ballots and signed checkpoints of the audit chain.

See :mod:`coop.keys.material` for the key file and what each half of the key does, and
:mod:`coop.keys.registry` for the public keys the database keeps.
"""
