package main

// #cgo LDFLAGS: -lz
// #include <zlib.h>
import "C"
import "fmt"

func main() {
	fmt.Println("zlib from cgo:", C.GoString(C.zlibVersion()))
}
