"""Board to what residents see: lifecycle states, listings, page views, feeds, search records.
Pure functions of the Board and today, except `search_index`, which runs Pagefind."""
