import fastsum

print("fastsum.total(100) =", fastsum.total(100))
