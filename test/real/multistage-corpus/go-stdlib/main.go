package main

import (
	"crypto/sha256"
	"fmt"
	"os"
)

func main() {
	sum := sha256.Sum256([]byte("ballast"))
	fmt.Printf("hello from go: %x\n", sum[:4])
	fmt.Println("args:", len(os.Args))
}
