"""Sample data shared by the tests and the benchmarks (never by the CLI or the demo).

``minutes``        hand-built Minutes view models: the sample minutes with every element printed
                   minutes carry, its approved form, and a large one for the rendering benchmark
``cooperatives``   a new cooperative's database with its secretary, made through :mod:`coop.api`
"""
