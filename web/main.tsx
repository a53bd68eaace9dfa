import './styles/fonts.css'
