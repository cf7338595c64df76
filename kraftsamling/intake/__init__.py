"""Survey intake: reading answers (parse), matching spellings (match), storing them (store)."""
