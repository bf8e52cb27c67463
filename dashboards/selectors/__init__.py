"""The read side: one user's dashboard (personal), a manager's team reports (team), the aggregates both
share (stats), and the profile's reliability line (reliability)."""
