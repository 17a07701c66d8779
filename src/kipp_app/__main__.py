from kipp_app.cli import main

main()
