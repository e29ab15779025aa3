"""The bylaws' vocabularies that several floors read: the bottom domain package, pure.

``quorum``      the quorum spec (``majority``, ``1/3``, ``30``), second call, the quorum check
``decisions``   decision rules and tie rules by name, what each counts, how each is described
``terms``       the rotating roles and their term limits

The bylaws (``coop.members``) validate their settings with these words, the votes count with them,
the assemblies check quorum with them and training applies term limits with them; so they stand
below all of those and import nothing from coop but errors and translation.
"""
