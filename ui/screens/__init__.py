"""Full-window screens shown instead of the pages: first start, unlock, problems."""
