"""The bodies of the torch.nn.functional entries that are compositions of
existing ops (no C++ op of their own); nnlite.nn.functional re-exports them."""
