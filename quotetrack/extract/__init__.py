"""Statement extraction: one function per extraction idea, pure functions over analysed documents."""
