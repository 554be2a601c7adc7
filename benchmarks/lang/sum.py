n = 1000000
xs = []
for i in range(n):
    xs.append(i * 0.5)
total = 0.0
for x in xs:
    total += x
print(total)
