"""The use cases: one function per user action, called alike by the window and the command line.

Each use case is one transaction, marked as a read (`@reads`) or a write
(`@writes(Topic...)`): it is called with the `Database` first, takes plain
values, returns plain data (a write wraps it in an `Outcome` that names what
changed), and raises a typed error of `core.errors` with a message a person can
act on. Files a use case writes are staged and reach their destination only
once its transaction commits (see `unit_of_work`).

The front ends import this package and plain value types; never sessions or ORM models.
"""
