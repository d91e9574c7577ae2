#include <stdio.h>
#include <string.h>
#include <zlib.h>

int main(void) {
  const char *text = "ballast ballast ballast ballast ballast ballast";
  unsigned char packed[256];
  uLongf size = sizeof packed;
  if (compress(packed, &size, (const unsigned char *)text, strlen(text)) != Z_OK) return 1;
  printf("zlib %s: %zu -> %lu bytes\n", zlibVersion(), strlen(text), (unsigned long)size);
  return 0;
}
