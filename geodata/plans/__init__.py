"""Plan texts: reading a plan file into documents, sections, passages and targets."""
