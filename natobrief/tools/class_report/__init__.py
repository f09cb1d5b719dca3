"""``natobrief report``: a class's results from the report files its students handed in."""
