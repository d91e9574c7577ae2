module example.com/zver

go 1.19
