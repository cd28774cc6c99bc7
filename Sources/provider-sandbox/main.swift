// PLACEHOLDER until the provider sandbox lands.
print("provider-sandbox: not yet implemented")
