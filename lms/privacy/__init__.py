"""Privacy: the notice and its acceptance (`consent`, `consent_views`), a trainee's own data
(`my_data`), erasure and retention (`erasure`), and the trainer's admin views for them (`admin_views`)."""
