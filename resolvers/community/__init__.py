"""Community domain logic: members, groups, topics, skills, follows and privacy."""
