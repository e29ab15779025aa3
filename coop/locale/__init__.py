"""Translation catalogues (``<lang>/LC_MESSAGES/coop.po`` and the compiled ``coop.mo``) and the
tools that keep them complete: see ``make translations`` and the README's "Languages" section."""
