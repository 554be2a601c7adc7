local n = 120
local A, B, C = {}, {}, {}
for i = 0, n - 1 do
  A[i], B[i], C[i] = {}, {}, {}
  for j = 0, n - 1 do
    A[i][j] = i + j
    B[i][j] = i - j
    C[i][j] = 0.0
  end
end
for i = 0, n - 1 do
  for j = 0, n - 1 do
    local s = 0.0
    for k = 0, n - 1 do
      s = s + A[i][k] * B[k][j]
    end
    C[i][j] = s
  end
end
print(string.format("%.1f", C[10][20]))
