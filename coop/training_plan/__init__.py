"""The training plan: what the plant must learn, by when, from whom, to keep production running.

It stands above production plans (it reads their load) and training records (levels,
certifications, terms): ``needs`` finds the gaps, ``proposal`` proposes sessions that close them.
Both are pure; :mod:`coop.training_plan.types` holds the plain data they share.
"""
