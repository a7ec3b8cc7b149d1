"""The library of played initiatives (issue 14), as pure functions: what may be published
about a session (``publish``), the automatic checks that flag what could name a person
(``checks``), and the list of themes (``themes``). No Flask, no database."""
