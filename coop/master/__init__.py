"""Long-range planning: demand (customer orders and forecasts) and the master production schedule.

This package stands on the floor above :mod:`coop.plans`: it reads products, stock and the closed
plans' actual quantities, and nothing below reads it.

``models``       customer orders, forecasts per product and month, each product's planning settings
``months``       months as the date of their first day; the horizon (6 to 18 months) — pure
``mps``          the master production schedule — pure, its rules in its docstring
``forecasting``  forecasts derived from past actuals, and their accuracy — pure
``demand``       services: orders, forecasts and planning settings, entered or imported
``schedule``     services: the MPS, derived forecasts and accuracy read from the database
"""
