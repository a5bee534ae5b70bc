/// Finnish working-day calendar: public holidays, N working days after, N months after (rules.md, Calendar).
