"""rolqa's indexing side: load → decode/repair → clean → metadata → structure → chunk → embed → store.

Nothing here imports `assistant`; the answering side reads the index through
`index.store.Index`.
"""
