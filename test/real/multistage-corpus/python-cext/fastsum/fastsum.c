#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *total(PyObject *self, PyObject *args) {
  long n, s = 0;
  if (!PyArg_ParseTuple(args, "l", &n)) return NULL;
  for (long i = 1; i <= n; i++) s += i;
  return PyLong_FromLong(s);
}

static PyMethodDef methods[] = {{"total", total, METH_VARARGS, "1 + ... + n"}, {NULL, NULL, 0, NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "fastsum", NULL, -1, methods};
PyMODINIT_FUNC PyInit_fastsum(void) { return PyModule_Create(&module); }
