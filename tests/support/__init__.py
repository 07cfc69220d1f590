"""What the tests share: people's data, diaries, the journal's URLs, a database that does not answer."""
