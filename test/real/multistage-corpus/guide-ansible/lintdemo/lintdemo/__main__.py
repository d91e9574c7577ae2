from lintdemo import main

main()
