from kipp.cli import main

main()
