"""The demo village (合成行政村): a deterministic synthetic village for demos, training, tests and
benchmarks, kept apart from the use cases in app/services.

- plan: `build_village_plan`, the whole village as plain JSON-able data (no store);
  places, names, texts, village, households, members, incomes, cases, visits and worklog are
  its parts, and import nothing above app.core;
- build: `build_demo`, the plan written into a new store through the services;
- forms: the signed information forms and the fabrications planted for the checks.

Nothing is imported here, so `app.demo.plan` can be used without the store or the services.
"""
