n = 120
A = [[0.0] * n for _ in range(n)]
B = [[0.0] * n for _ in range(n)]
C = [[0.0] * n for _ in range(n)]
for i in range(n):
    for j in range(n):
        A[i][j] = i + j
        B[i][j] = i - j
for i in range(n):
    for j in range(n):
        s = 0.0
        for k in range(n):
            s += A[i][k] * B[k][j]
        C[i][j] = s
print(C[10][20])
